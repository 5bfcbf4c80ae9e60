package io.clipserve.server.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.MessageOrBuilder;
import java.util.List;

/**
 * The model and version a gRPC message names, read by field name so that it works for every
 * service: {@code model} (clipserve data calls), {@code model_name} (KServe v2) or {@code name}
 * (ModelService), and an integer {@code model_version} or {@code version}. Stateless.
 */
final class RequestedModel {
  private static final List<String> NAME_FIELDS = List.of("model", "model_name", "name");
  private static final List<String> VERSION_FIELDS = List.of("model_version", "version");

  private RequestedModel() {}

  /** The model name {@code message} names; "" when none or not a protobuf message. */
  static String name(Object message) {
    FieldDescriptor field = field(message, NAME_FIELDS, JavaType.STRING);
    return field == null ? "" : (String) ((MessageOrBuilder) message).getField(field);
  }

  /** The version {@code message} names; 0 (the server's choice) when none. */
  static long version(Object message) {
    FieldDescriptor field = field(message, VERSION_FIELDS, JavaType.LONG);
    return field == null ? 0 : (Long) ((MessageOrBuilder) message).getField(field);
  }

  private static FieldDescriptor field(Object message, List<String> names, JavaType type) {
    if (!(message instanceof MessageOrBuilder proto)) {
      return null;
    }
    for (String name : names) {
      FieldDescriptor field = proto.getDescriptorForType().findFieldByName(name);
      if (field != null && !field.isRepeated() && field.getJavaType() == type) {
        return field;
      }
    }
    return null;
  }
}
