export { validateConfig, formatProblems, type ValidationResult, type ValidateOptions } from './validate';
export { loadConfig, loadConfigWithOrigin, bundledDefaultConfig } from './load';
export { checkSourceUrl, blockedHostReason } from './url-policy';
export * from './schema';
