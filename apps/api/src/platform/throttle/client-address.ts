import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { isIPv6 } from 'node:net';

/**
 * The client's address as the throttle counts it. `req.ip` is the socket's peer unless TRUST_PROXY
 * names the proxies in front (then Express takes it from X-Forwarded-For, past the trusted hops only),
 * so a client cannot pick its own address by sending the header.
 *
 * An IPv4 address mapped into IPv6 counts as the IPv4 address, and an IPv6 address by its /64: one
 * host usually holds a whole /64, and would otherwise get a fresh budget per address.
 */
export function throttleAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The request's client address for throttling (see throttleAddress). */
export const ClientAddress = createParamDecorator((_data: unknown, ctx: ExecutionContext): string =>
  throttleAddress(ctx.switchToHttp().getRequest<Request>().ip),
);
