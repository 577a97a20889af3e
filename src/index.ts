// The engine's public surface: everything a vendor folder (specs/<vendor>/, its mock included)
// imports from the engine, and nothing else. test/architecture.test.ts holds vendors to it.

// The vendor contract.
export { defineVendor } from './model/vendor.ts';
export type {
  ConformanceSpec,
  Execution,
  Scenario,
  ScenarioContext,
  ScenarioResult,
  Session,
  SpecSettings,
} from './model/vendor.ts';
export { ConfigError, SectionReader } from './load/config.ts';

// The model: documents, requirements, cases.
export { blankCase, isRecord } from './model/types.ts';
export type {
  ApiModel,
  AuthChoice,
  Case,
  CatalogueEntry,
  ErrorEnvelope,
  Expectation,
  Fixture,
  Json,
  JsonObject,
  Level,
  Operation,
  Probe,
  Requirement,
  Rule,
  Schema,
  Trigger,
  UndecidedPoint,
  Violation,
} from './model/types.ts';
export type { FailureRecord, RequirementResult } from './results/report.ts';
export { unrun, worstOf } from './results/report.ts';

// Loading a vendor's document and deriving requirements from it.
export { loadSpecDocument, readDocumentFile } from './load/spec-loader.ts';
export { wrongTypeRequirements } from './load/derive.ts';
export { lenientOf, Validators } from './model/validators.ts';
export type { Formats } from './model/validators.ts';

// Building cases (rules and scenarios that draw their own).
export { CaseBuilder, planCases, withValue } from '../generators/cases.ts';
export { schemaAt, splitPointer } from '../generators/values.ts';
export { violationsFor } from '../generators/violations.ts';
export type { ValueEdit } from '../generators/violations.ts';

// Judging an answer the way the runner does.
export { covers, paramName } from './judge/expectation.ts';
export type { Expected } from './judge/expectation.ts';
export { error_code_conformance, error_envelope_conformance, error_param_named } from './judge/checks.ts';
export type { CheckOutcome } from './judge/checks.ts';

// Requests: building, printing, sending.
export { redact, toHttpRequest } from './http/request.ts';
export { curlOf } from './http/curl.ts';
export type { HttpRequest, HttpResponse } from './http/client.ts';
export type { Transport } from './http/index.ts';

// Hand-written scenarios: sending, judging, tallying, failure records, the result.
export { failureRecord, fixedScenario, outcome, propertyScenario, sendCase, sendExact, statusOutcome, Tally } from './run/scenario-kit.ts';
export type { Exchange, FailureNote } from './results/failure-record.ts';
export type { Reshape, Step, TargetSession } from './run/scenario-kit.ts';

// SIP on the wire: the run's registrar (through `ScenarioContext.sip`) and a user agent.
export { register } from './sip/user-agent.ts';
export { RegistrationKeeper } from './sip/keeper.ts';
export type { KeeperOptions } from './sip/keeper.ts';
export { defaultSipPort, isLoopbackHost, proxyHostPort, proxySetting } from './sip/address.ts';
export type { RegisterOptions, RegisterResult } from './sip/user-agent.ts';
export { Registrar, usesPassword, wireOf } from './sip/registrar.ts';
export type { Registration } from './sip/registrar.ts';
export type { SipAccess } from './sip/access.ts';
export { DEFAULT_PORT as SIP_DEFAULT_PORT } from './sip/address.ts';
export type { SipExchange } from './sip/exchange.ts';
export type { SipTransportName } from './sip/transport.ts';
