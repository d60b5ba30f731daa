package dev.tandem.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies with a field named twice are refused as invalid JSON (400) instead of one of the
 * values silently winning: two readers of the same document could otherwise disagree about what it
 * says, and for records Jackson even failed with an internal error.
 */
@Singleton
public class JsonStrictness implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
  }
}
