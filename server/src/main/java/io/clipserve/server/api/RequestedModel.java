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
  private static final String OPEN_INFERENCE_PACKAGE = "inference";
  private static final List<String> ENCODER_SUFFIXES = List.of(".image", ".text");

  private RequestedModel() {}

  /**
   * The model name {@code message} names; "" when none or not a protobuf message. A KServe v2
   * name names an encoder, {@code <model>.image} or {@code <model>.text}: its model is returned.
   */
  static String name(Object message) {
    FieldDescriptor field = field(message, NAME_FIELDS, JavaType.STRING);
    if (field == null) {
      return "";
    }
    String name = (String) ((MessageOrBuilder) message).getField(field);
    if (field.getFile().getPackage().equals(OPEN_INFERENCE_PACKAGE)) {
      for (String suffix : ENCODER_SUFFIXES) {
        if (name.endsWith(suffix)) {
          return name.substring(0, name.length() - suffix.length());
        }
      }
    }
    return name;
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
