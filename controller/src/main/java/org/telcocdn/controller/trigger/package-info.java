/**
 * The CI/T trigger interface (RFC 8007, as SVTA Open Caching uses it; docs/continuum.md): {@link
 * org.telcocdn.controller.trigger.TriggerApi} (the routes), {@link
 * org.telcocdn.controller.trigger.TriggerCommand} and {@code TriggerExtensions} (checked commands),
 * {@link org.telcocdn.controller.trigger.Triggers} and {@link
 * org.telcocdn.controller.trigger.TriggerStore} (the durable state), {@link
 * org.telcocdn.controller.trigger.TriggerRunner} with {@code PrepositionPlanner}, {@code
 * UnitProgress} and {@code Invalidations} (moving triggers along), {@link
 * org.telcocdn.controller.trigger.EdgeJobs} (the edges' {@code /internal/preposition}). What it
 * needs of the rest of the controller comes in through {@link
 * org.telcocdn.controller.trigger.Fleet}, {@link org.telcocdn.controller.trigger.Catalog} and
 * {@link org.telcocdn.controller.trigger.Invalidator}.
 */
package org.telcocdn.controller.trigger;
