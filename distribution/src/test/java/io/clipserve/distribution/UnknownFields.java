package io.clipserve.distribution;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a YAML document had that fabric8's Kubernetes model does not know. fabric8 keeps
 * them in each object's {@code additionalProperties} instead of failing, so a misspelt
 * {@code readinesProbe} would read without error; this walks the object graph and names them.
 */
final class UnknownFields {
  private final List<String> found = new ArrayList<>();
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private UnknownFields() {
  }

  static List<String> of(Object resource) throws IllegalAccessException {
    UnknownFields walk = new UnknownFields();
    walk.visit(resource, "");
    return walk.found;
  }

  private void visit(Object o, String path) throws IllegalAccessException {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        visit(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        visit(e.getValue(), path + "." + e.getKey());
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.") || o.getClass().isEnum()) {
      return;
    }
    for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object value = f.get(o);
        if (f.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(path + "." + k + ": unknown field"));
        } else {
          visit(value, path + "." + f.getName());
        }
      }
    }
  }
}
