package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A trigger and everything known about it: what is stored (one JSON file per trigger, {@link
 * TriggerStore}) and what its status resource shows ({@link TriggerView}). Immutable: each change
 * makes a new one with a new {@code mtime}. Times are Unix seconds, as in RFC 8007.
 *
 * @param activeSince when it first became active (Unix ms), for the rate behind {@code etime}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trigger(
    String id,
    @JsonProperty("trigger") JsonNode command,
    long ctime,
    long mtime,
    Long etime,
    TriggerStatus status,
    List<TriggerError> errors,
    List<Unit> units,
    Long activeSince) {

  public Trigger {
    errors = errors == null ? List.of() : List.copyOf(errors);
    units = units == null ? List.of() : List.copyOf(units);
  }

  static Trigger created(String id, JsonNode command, long now) {
    return new Trigger(
        id, command, now, now, null, TriggerStatus.PENDING, List.of(), List.of(), null);
  }

  Trigger status(TriggerStatus next, long now) {
    Long since =
        next == TriggerStatus.ACTIVE && activeSince == null
            ? Long.valueOf(now * 1000)
            : activeSince;
    return new Trigger(id, command, ctime, now, etime, next, errors, units, since);
  }

  Trigger error(TriggerError error, long now) {
    List<TriggerError> more = new ArrayList<>(errors);
    more.add(error);
    return new Trigger(id, command, ctime, now, etime, status, more, units, activeSince);
  }

  Trigger units(List<Unit> next, long now) {
    return new Trigger(id, command, ctime, now, etime, status, errors, next, activeSince);
  }

  Trigger mapUnits(UnaryOperator<Unit> change, long now) {
    return units(units.stream().map(change).toList(), now);
  }

  Trigger etime(Long estimate) {
    return new Trigger(id, command, ctime, mtime, estimate, status, errors, units, activeSince);
  }

  @JsonIgnore
  long bytesDone() {
    return units.stream().mapToLong(Unit::bytesDone).sum();
  }

  @JsonIgnore
  long bytesTotal() {
    return units.stream().mapToLong(Unit::bytes).sum();
  }
}
