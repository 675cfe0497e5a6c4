// Placeholder replaced by the moto launcher (see test/helpers/moto.ts once written).
export default function setup(): void {}
