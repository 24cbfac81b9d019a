/** Jest runs TypeScript through SWC. NestJS 12 ships ES modules only, so its packages are transformed too. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // .tsx: the admin UI's modules (its pure helpers have specs of their own).
  transform: {
    '^.+\\.(t|j)s$': swc,
    '^.+\\.tsx$': [
      swc[0],
      {
        ...swc[1],
        jsc: {
          ...swc[1].jsc,
          parser: { syntax: 'typescript', tsx: true, decorators: true },
          transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic' } },
        },
      },
    ],
  },
  // ES-module-only packages are transformed to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleNameMapper: {
    '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
