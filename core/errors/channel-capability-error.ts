import { ParleyError } from './parley-error.ts';

/** A channel was asked for something its medium cannot do (e.g. push a message over REST). */
export class ChannelCapabilityError extends ParleyError {
  constructor(
    readonly channel: string,
    readonly capability: string,
  ) {
    super('ChannelCapabilityError', `the ${channel} channel cannot ${capability}`);
  }
}
