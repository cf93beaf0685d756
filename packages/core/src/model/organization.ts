/** Features a plan can include. `container_scanning` gates scanning. */
export const FEATURES = ["container_scanning"] as const;
export type Feature = (typeof FEATURES)[number];

export interface Organization {
  id: string;
  name: string;
  features: Feature[];
  createdAt: Date;
}

export interface Project {
  id: string;
  orgId: string;
  name: string;
  createdAt: Date;
}
