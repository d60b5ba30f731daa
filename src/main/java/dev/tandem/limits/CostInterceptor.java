package dev.tandem.limits;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Charges a {@link Costly} call before it runs. Its priority puts it outside (before) the
 * transaction interceptor (PLATFORM_BEFORE + 200), so the buckets are updated in their own short
 * transaction and a refusal happens before the method's transaction exists.
 */
@Costly(Cost.QUESTION)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class CostInterceptor {
  private final RateLimiter limiter;

  CostInterceptor(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @AroundInvoke
  Object charge(InvocationContext ctx) throws Exception {
    Costly costly = ctx.getInterceptorBinding(Costly.class);
    if (costly != null) {
      limiter.charge(costly.value());
    }
    return ctx.proceed();
  }
}
