import type { GpuInspection } from './gpu-inspection';

/** What the inspection worker sends back, once. */
export interface GpuInspections {
  webgpu: GpuInspection;
  webgl: GpuInspection;
}
