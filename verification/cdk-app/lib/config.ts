/** Per-environment settings, as the spec's tables give them. */
export interface GlassBoxConfig {
  readonly envName: 'staging' | 'production';
  readonly azCount: number;
  readonly natGateways: number;
  readonly dbInstanceClass: string;
  readonly dbMultiAz: boolean;
  readonly dbStorageGb: number;
  readonly dbMaxStorageGb: number;
  readonly dbBackupDays: number;
  readonly dbDeletionProtection: boolean;
  readonly cacheNodeType: string;
  readonly cacheNodes: number;
  readonly appOrigin: string;
  readonly apiCpu: number;
  readonly apiMemory: number;
  readonly apiDesired: number;
  readonly apiMin: number;
  readonly apiMax: number;
  readonly workerCpu: number;
  readonly workerMemory: number;
  readonly workerDesired: number;
  readonly fileCpu: number;
  readonly fileMemory: number;
}

export function configFor(envName: 'staging' | 'production'): GlassBoxConfig {
  const production = envName === 'production';
  return {
    envName,
    azCount: production ? 3 : 2,
    natGateways: production ? 3 : 1,
    dbInstanceClass: production ? 'r6g.large' : 't3.medium',
    dbMultiAz: production,
    dbStorageGb: production ? 100 : 20,
    dbMaxStorageGb: production ? 500 : 100,
    dbBackupDays: production ? 30 : 7,
    dbDeletionProtection: production,
    cacheNodeType: production ? 'cache.r6g.large' : 'cache.t3.micro',
    cacheNodes: production ? 2 : 1,
    appOrigin: 'https://app.glassbox.io',
    apiCpu: production ? 1024 : 512,
    apiMemory: production ? 2048 : 1024,
    apiDesired: production ? 2 : 1,
    apiMin: production ? 2 : 1,
    apiMax: production ? 10 : 4,
    workerCpu: production ? 1024 : 512,
    workerMemory: production ? 2048 : 1024,
    workerDesired: production ? 2 : 1,
    fileCpu: production ? 512 : 256,
    fileMemory: production ? 1024 : 512,
  };
}
