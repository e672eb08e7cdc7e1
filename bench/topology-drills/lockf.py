#!/usr/bin/env python3
"""lockf.py FILE COMMAND...: runs COMMAND holding an fcntl (POSIX) lock on FILE, the kind a Java
FileLock takes (testkit's HostNetworkLock); flock(1) takes a flock(2) lock, which Linux keeps apart.
The lock is held by an inherited descriptor, so it lasts as long as COMMAND runs."""
import fcntl
import os
import sys

fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o666)
fcntl.lockf(fd, fcntl.LOCK_EX)
os.set_inheritable(fd, True)
os.execvp(sys.argv[2], sys.argv[2:])
