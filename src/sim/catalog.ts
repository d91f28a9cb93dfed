/**
 * The Entra ID vocabulary the simulator writes: client applications and resources with their real
 * application ids, and sign-in error codes with their real messages
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */

export interface App {
  readonly name: string;
  readonly id: string;
  /** ClientAppUsed as Entra ID reports it. */
  readonly clientAppUsed: 'Browser' | 'Mobile Apps and Desktop clients';
}

export interface Resource {
  readonly name: string;
  readonly id: string;
}

function app(name: string, id: string, browser = false): App {
  return { name, id, clientAppUsed: browser ? 'Browser' : 'Mobile Apps and Desktop clients' };
}

export const APPS = {
  officeHome: app('OfficeHome', '4765445b-32c6-49b0-83e6-1d93765276ca', true),
  teams: app('Microsoft Teams', '1fec8e78-bce4-4aaf-ab1b-5451cc387264'),
  teamsWeb: app('Microsoft Teams Web Client', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', true),
  office: app('Microsoft Office', 'd3590ed6-52b3-4102-aeff-aad2292ab01c'),
  outlookMobile: app('Outlook Mobile', '27922004-5251-4030-b22d-91ecd9a37ea4'),
  oneDrive: app('OneDrive SyncEngine', 'ab9b8c07-8f02-4f72-87fa-80105867a763'),
  windowsSignIn: app('Windows Sign In', '38aa3b87-a06d-4817-b275-7a316988d93b'),
  broker: app('Microsoft Authentication Broker', '29d9ed98-a469-4536-ade2-f981bc1d605e'),
  edge: app('Microsoft Edge', 'ecd6b820-32c2-49b6-98a6-444530e5a77a'),
  azurePortal: app('Azure Portal', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', true),
  entraAdmin: app('Microsoft Entra admin center', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', true),
  azureCli: app('Microsoft Azure CLI', '04b07795-8ddb-461a-bbee-02f9e1bf7b46'),
  azurePowerShell: app('Microsoft Azure PowerShell', '1950a258-227b-4e31-a9cf-717495945fc2'),
  vsCode: app('Visual Studio Code', 'aebc6443-996d-45c2-90f0-388ff96faa56'),
  companyPortal: app('Microsoft Intune Company Portal', '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223'),
  graphExplorer: app('Graph Explorer', 'de8bc8b5-d9f9-48b1-a8ad-b748da725064', true),
  powerBi: app('Microsoft Power BI', '871c010f-5e61-4fb1-83ac-98610a7e9110'),
  azureDevOps: app('Azure DevOps', '499b84ac-1321-427f-aa17-267ca6975798'),
  mySignins: app('My Signins', '19db86c3-b2b9-44cc-b339-36da233a3be2', true),
} as const satisfies Record<string, App>;

export const RESOURCES = {
  graph: { name: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000' },
  exchange: { name: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000' },
  sharePoint: { name: 'Office 365 SharePoint Online', id: '00000003-0000-0ff1-ce00-000000000000' },
  teamsServices: { name: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' },
  aad: { name: 'Windows Azure Active Directory', id: '00000002-0000-0000-c000-000000000000' },
  management: { name: 'Windows Azure Service Management API', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' },
  devOps: { name: 'Azure DevOps', id: '499b84ac-1321-427f-aa17-267ca6975798' },
  intune: { name: 'Microsoft Intune Enrollment', id: 'd4ebce55-015a-49b5-a083-c84d1797ae8c' },
  powerBi: { name: 'Power BI Service', id: '00000009-0000-0000-c000-000000000000' },
  officeHome: { name: 'OfficeHome', id: '4765445b-32c6-49b0-83e6-1d93765276ca' },
  keyVault: { name: 'Azure Key Vault', id: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093' },
} as const satisfies Record<string, Resource>;

export interface ErrorCode {
  readonly code: string;
  readonly description: string;
}

function err(code: number, description: string): ErrorCode {
  return { code: String(code), description };
}

export const ERRORS = {
  badPassword: err(50126, 'Error validating credentials due to invalid username or password.'),
  strongAuthRequired: err(50074, 'Strong Authentication is required.'),
  mfaRequiredLocation: err(50076, 'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.'),
  kmsiInterrupt: err(50140, "This error occurred due to 'Keep me signed in' interrupt when the user was signing in."),
  blockedByCa: err(53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.'),
  mfaFailed: err(500121, 'Authentication failed during strong authentication request.'),
  locked: err(50053, 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.'),
  passwordExpired: err(50055, 'The password is expired.'),
  ssoInsufficient: err(50058, 'Session information is not sufficient for single-sign-on.'),
  signInFrequency: err(70044, 'The session has expired or is invalid due to sign-in frequency checks by conditional access.'),
  grantRevoked: err(50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.'),
  refreshInactive: err(700082, 'The refresh token has expired due to inactivity.'),
  deviceAuthRequired: err(50097, 'Device authentication is required.'),
  multipleIdentities: err(16000, 'Either multiple user identities are available for the current request or selected account is not supported for the scenario.'),
  noConsent: err(65001, 'The user or administrator has not consented to use the application.'),
  seamlessSso: err(81010, "Seamless SSO failed because the user's Kerberos ticket has expired or is invalid."),
} as const satisfies Record<string, ErrorCode>;

/** Interactive sign-in failures, weighted as they typically appear in a tenant's SigninLogs. */
export const INTERACTIVE_FAILURES: readonly (readonly [ErrorCode, number])[] = [
  [ERRORS.badPassword, 30],
  [ERRORS.kmsiInterrupt, 25],
  [ERRORS.strongAuthRequired, 20],
  [ERRORS.mfaRequiredLocation, 8],
  [ERRORS.mfaFailed, 8],
  [ERRORS.blockedByCa, 5],
  [ERRORS.locked, 2],
  [ERRORS.passwordExpired, 2],
];

/** Silent (non-interactive) failures: expired or insufficient sessions, mostly. */
export const SILENT_FAILURES: readonly (readonly [ErrorCode, number])[] = [
  [ERRORS.multipleIdentities, 20],
  [ERRORS.ssoInsufficient, 15],
  [ERRORS.signInFrequency, 15],
  [ERRORS.grantRevoked, 10],
  [ERRORS.refreshInactive, 10],
  [ERRORS.deviceAuthRequired, 10],
  [ERRORS.mfaRequiredLocation, 10],
  [ERRORS.noConsent, 5],
  [ERRORS.seamlessSso, 5],
];
