package org.telcocdn.cli.network;

/**
 * Viewers of the radio access network ({@link NodeKind#RAN}) behind one edge site: a namespace of
 * their own whose whole {@code subnet} is local, so a command run there ({@code cdn topology exec})
 * can use any address of it as a viewer's.
 *
 * @param attach the edge site the group's radio link ends at
 */
public record ClientGroup(String name, String attach, String subnet) {}
