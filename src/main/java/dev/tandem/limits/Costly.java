package dev.tandem.limits;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method whose calls are rate limited ({@link RateLimiter}): the caller draws one
 * token of {@link #value()} from its user's, organization's and tenant's buckets before the method
 * runs — before its transaction begins — so a refused call (429) has written nothing. On the
 * service, not the resource, so the API and the pages share one limit.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Costly {
  @Nonbinding
  Cost value();
}
