/**
 * A constructor that returns its argument: a class extending it adds its private fields to any
 * object passed to `super` (a "private stamp"), invisible to reflection and gone with the object.
 * A brand check on such a field is far cheaper than a WeakMap lookup.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- the constructor is the whole point
export class ReturnsTarget {
  constructor(target: object) {
    return target;
  }
}
