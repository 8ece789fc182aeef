/** Static vocabularies the tenant generator draws from. Plausible, not copied from any real account. */

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Arjun', 'Beatriz', 'Ben', 'Carla', 'Chen', 'Chloe', 'Daniel', 'Dmitri',
  'Elena', 'Emeka', 'Emma', 'Farah', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jana',
  'Jin', 'Jonas', 'Julia', 'Kai', 'Karin', 'Kofi', 'Lars', 'Laura', 'Leila', 'Liam', 'Lucia', 'Malik',
  'Maria', 'Mateo', 'Mei', 'Mia', 'Nadia', 'Nikhil', 'Noah', 'Olga', 'Omar', 'Paula', 'Pedro', 'Priya',
  'Rafael', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq', 'Tomas', 'Uma', 'Victor', 'Wei', 'Yara', 'Zoe',
];

export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Brown', 'Castro', 'Chen', 'Costa', 'Dubois',
  'Eriksson', 'Fernandes', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Ito', 'Jansen', 'Kim',
  'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau', 'Murphy', 'Nakamura',
  'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Popescu', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Sousa', 'Tanaka', 'Taylor', 'Weber', 'Wilson', 'Yamamoto', 'Zhang',
];

export const COMPANY_NAMES = [
  'Northwind Media Group', 'Contoso Retail', 'Globex Streaming', 'Initech Payments', 'Umbrella Travel',
  'Stark Logistics', 'Wayne Publishing', 'Tyrell Games', 'Soylent Foods', 'Hooli Cloud',
];

export const BUSINESS_UNITS = ['Commerce', 'Media', 'Platform', 'Security Operations', 'Marketing', 'Finance', 'Partners', 'Labs', 'Mobile', 'Data'];
export const REGIONS = ['EMEA', 'Americas', 'APAC', 'Global', 'LATAM', 'Nordics', 'DACH', 'ANZ'];
export const TEAMS = ['Web', 'API', 'Checkout', 'Video', 'Images', 'Edge Compute', 'DNS', 'Bot Defense', 'Origins', 'Release', 'SRE', 'QA'];
export const SUBTEAMS = ['Blue', 'Green', 'Canary', 'Legacy', 'Migration', 'Sandbox', 'Vendors', 'Interns'];

export const JOB_TITLES = ['Web Engineer', 'SRE', 'Security Analyst', 'Marketing Manager', 'Developer', 'Release Manager', 'Network Engineer', 'Product Owner', 'Finance Analyst', 'Support Engineer', 'Contractor', 'CTO'];
export const COUNTRIES = ['USA', 'Germany', 'United Kingdom', 'France', 'India', 'Japan', 'Brazil', 'Netherlands', 'Poland', 'Australia'];
export const CITIES = ['Cambridge', 'Berlin', 'London', 'Paris', 'Bangalore', 'Tokyo', 'Sao Paulo', 'Amsterdam', 'Krakow', 'Sydney'];
export const TIME_ZONES = ['GMT', 'America/New_York', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Asia/Kolkata', 'Asia/Tokyo', 'America/Sao_Paulo', 'Europe/Amsterdam', 'Australia/Sydney'];
export const CONTACT_TYPES = ['Billing', 'Technical', 'Security', 'Admin', 'Other'];
export const LANGUAGES = ['English', 'Deutsch', 'Français', 'Español', '日本語', 'Português'];
export const US_STATES = ['MA', 'CA', 'NY', 'TX', 'WA'];
export const NOTIFICATION_PRODUCTS = ['Property Manager', 'EdgeScape', 'NetStorage', 'Edge DNS', 'Image & Video Manager', 'App & API Protector', 'DataStream'];
export const EXTERNAL_DOMAINS = ['gmail.com', 'outlook.com', 'contractor-partners.net', 'agency-digital.io'];

/** Akamai's published session-timeout choices (X2). */
export const TIMEOUT_POLICIES = [
  { name: 'after15Minutes', value: 900 },
  { name: 'after30Minutes', value: 1800 },
  { name: 'after45Minutes', value: 2700 },
  { name: 'after1Hour', value: 3600 },
  { name: 'after2Hours', value: 7200 },
  { name: 'after4Hours', value: 14400 },
  { name: 'after18Hours', value: 64800 },
];

/** Permission bundles custom roles are made of (R3). Ids are stable across tenants, as in Akamai. */
export const GRANTABLE_ROLES: { id: number; name: string; description: string }[] = [
  { id: 3, name: 'All privileges (Admin)', description: 'Full administrative access to every product and setting.' },
  { id: 4, name: 'User Administration', description: 'Create, edit and delete users, groups and roles.' },
  { id: 5, name: 'API Client Administration', description: 'Create API clients and manage their credentials.' },
  { id: 6, name: 'Account Settings - Edit', description: 'Change account-wide settings such as password policy.' },
  { id: 7, name: 'IP Allowlist - Edit', description: 'Change the Control Center IP allowlist.' },
  { id: 8, name: 'Billing - View', description: 'View invoices and usage.' },
  { id: 9, name: 'Billing - Edit', description: 'Manage billing contacts and payment.' },
  { id: 10, name: 'Reports - View', description: 'View traffic and security reports.' },
  { id: 11, name: 'Property Manager - View', description: 'View property configurations.' },
  { id: 12, name: 'Property Manager - Edit', description: 'Edit property configurations.' },
  { id: 13, name: 'Property Manager - Activate', description: 'Activate property versions on staging and production.' },
  { id: 14, name: 'Fast Purge - Invalidate & Delete', description: 'Purge content from the edge.' },
  { id: 15, name: 'Edge DNS - View', description: 'View DNS zones.' },
  { id: 16, name: 'Enhanced DNS - All privileges (add/edit/view)', description: 'Manage DNS zones and records.' },
  { id: 17, name: 'Security Configuration - View', description: 'View web application firewall configurations.' },
  { id: 18, name: 'Security Configuration - Edit', description: 'Edit and activate security configurations.' },
  { id: 19, name: 'Certificate Provisioning - View', description: 'View certificate enrollments.' },
  { id: 20, name: 'Certificate Provisioning - Edit', description: 'Create and renew certificates.' },
  { id: 21, name: 'NetStorage - All privileges', description: 'Manage NetStorage groups and uploads.' },
  { id: 22, name: 'Support - Manage Cases', description: 'Open and manage support cases.' },
  { id: 23, name: 'EdgeWorkers - Edit', description: 'Upload and activate EdgeWorkers.' },
  { id: 24, name: 'Image & Video Manager - Edit', description: 'Manage image policies.' },
  { id: 25, name: 'DataStream - Edit', description: 'Create and edit log streams.' },
  { id: 26, name: 'Network Lists - Edit', description: 'Edit network lists.' },
  { id: 27, name: 'Cloudlets - All privileges', description: 'Manage cloudlet policies.' },
  { id: 28, name: 'Diagnostics - Run', description: 'Run edge diagnostics tools.' },
  { id: 29, name: 'Contracts - View', description: 'View contracts and products.' },
  { id: 30, name: 'Global Traffic Management - Edit', description: 'Manage GTM domains.' },
];

export interface RoleTemplate {
  name: string;
  description: string;
  grantedRoleIds: number[];
  /** Relative weight when a user is given an ordinary (non-admin) grant; 0 = never picked at random. */
  weight: number;
}

/** Akamai-defined roles present in every account (R1 type "standard"). */
export const STANDARD_ROLES: RoleTemplate[] = [
  { name: 'Admin', description: 'Full access to all products, users and account settings.', grantedRoleIds: [3, 4, 5, 6, 7, 9], weight: 0 },
  { name: 'Technical Admin', description: 'Administers technical products; no billing.', grantedRoleIds: [4, 5, 12, 13, 16, 18, 20], weight: 2 },
  { name: 'User Admin', description: 'Manages users, groups and roles.', grantedRoleIds: [4], weight: 1 },
  { name: 'Editor', description: 'Edits configurations of most products.', grantedRoleIds: [11, 12, 15, 17, 19], weight: 18 },
  { name: 'Publisher', description: 'Edits and activates configurations.', grantedRoleIds: [11, 12, 13, 14], weight: 12 },
  { name: 'Viewer', description: 'Read-only access to configurations and reports.', grantedRoleIds: [10, 11, 15, 17, 19], weight: 24 },
  { name: 'Reporting', description: 'Views reports only.', grantedRoleIds: [10], weight: 8 },
  { name: 'Purge Only', description: 'Purges content; nothing else.', grantedRoleIds: [14], weight: 6 },
  { name: 'Accounting', description: "This role allows for 'read only' billing access.", grantedRoleIds: [8, 29], weight: 3 },
  { name: 'Support', description: 'Opens and manages support cases.', grantedRoleIds: [22], weight: 5 },
  { name: 'Security Analyst', description: 'Views and tunes security configurations.', grantedRoleIds: [17, 18, 10, 26], weight: 6 },
  { name: 'DNS Manager', description: 'Manages DNS zones.', grantedRoleIds: [15, 16, 30], weight: 3 },
];

/** Account-level roles (granted without a group, R1 type "account"), with Akamai's well-known ids. */
export const ACCOUNT_ROLES: (RoleTemplate & { id: number })[] = [
  { id: 100002, name: 'Admin for Account Roles', description: 'Administers account-level roles.', grantedRoleIds: [4, 6], weight: 0 },
  { id: 100004, name: 'Admin for Account Settings', description: 'Changes account settings such as password and session policy.', grantedRoleIds: [6, 7], weight: 0 },
  { id: 100006, name: 'Billing Center Viewer', description: 'Views billing for the whole account.', grantedRoleIds: [8], weight: 0 },
];

/** Custom roles an account might build; the first few are deliberately risky. */
export const CUSTOM_ROLES: RoleTemplate[] = [
  { name: 'Legacy Super User', description: 'Created during onboarding in 2019; do not use.', grantedRoleIds: [3, 4, 5], weight: 1 },
  { name: 'Web Ops Lead', description: 'Release management plus user administration for the web team.', grantedRoleIds: [4, 12, 13, 14], weight: 2 },
  { name: 'Contractor Read Only', description: 'Read-only access for agencies.', grantedRoleIds: [11, 10], weight: 6 },
  { name: 'SOC Analyst', description: 'Security monitoring.', grantedRoleIds: [17, 10, 26], weight: 4 },
  { name: 'Deploy Bot Role', description: 'Edit and activate properties.', grantedRoleIds: [12, 13], weight: 2 },
  { name: 'Media Publisher', description: 'Media team publishing.', grantedRoleIds: [12, 13, 14, 24, 21], weight: 4 },
  { name: 'Edge Developer', description: 'EdgeWorkers and cloudlets development.', grantedRoleIds: [23, 27, 11], weight: 4 },
  { name: 'Cert Manager', description: 'Certificate lifecycle.', grantedRoleIds: [19, 20], weight: 2 },
  { name: 'Log Streaming', description: 'DataStream configuration.', grantedRoleIds: [25], weight: 2 },
  { name: 'Diagnostics', description: 'Edge diagnostics for support engineers.', grantedRoleIds: [28, 22], weight: 3 },
  { name: 'Unused Experiment', description: 'Left over from a proof of concept.', grantedRoleIds: [11], weight: 0 },
  { name: 'Regional Admin', description: 'Administers one region.', grantedRoleIds: [4, 5, 12, 13], weight: 1 },
];

/** API services an API client may be given (C2 apiAccess.apis, H2). */
export const APIS: { apiId: number; apiName: string; endPoint: string; description: string }[] = [
  { apiId: 1, apiName: 'Identity Management: User Administration', endPoint: '/identity-management', description: 'Users, groups and roles.' },
  { apiId: 2, apiName: 'API Clients Administration', endPoint: '/identity-management', description: 'API clients and credentials.' },
  { apiId: 3, apiName: 'Property Manager (PAPI)', endPoint: '/papi', description: 'Property configurations.' },
  { apiId: 4, apiName: 'CCU APIs', endPoint: '/ccu', description: 'Fast Purge.' },
  { apiId: 5, apiName: 'Edge DNS', endPoint: '/config-dns', description: 'DNS zones and records.' },
  { apiId: 6, apiName: 'Reporting API', endPoint: '/reporting-api', description: 'Traffic reports.' },
  { apiId: 7, apiName: 'Application Security', endPoint: '/appsec', description: 'Security configurations.' },
  { apiId: 8, apiName: 'Certificate Provisioning System', endPoint: '/cps', description: 'Certificates.' },
  { apiId: 9, apiName: 'Edge Diagnostics', endPoint: '/edge-diagnostics', description: 'Diagnostics tools.' },
  { apiId: 10, apiName: 'Network Lists', endPoint: '/network-list', description: 'IP and geo lists.' },
  { apiId: 11, apiName: 'Billing', endPoint: '/billing', description: 'Usage and invoices.' },
  { apiId: 12, apiName: 'Contract API', endPoint: '/contract-api', description: 'Contracts and products.' },
  { apiId: 13, apiName: 'Cloudlets', endPoint: '/cloudlets', description: 'Cloudlet policies.' },
  { apiId: 14, apiName: 'EdgeWorkers', endPoint: '/edgeworkers', description: 'Edge compute.' },
  { apiId: 15, apiName: 'Image & Video Manager', endPoint: '/imaging', description: 'Image policies.' },
  { apiId: 16, apiName: 'SIEM', endPoint: '/siem', description: 'Security events.' },
  { apiId: 17, apiName: 'Global Traffic Management', endPoint: '/config-gtm', description: 'GTM domains.' },
  { apiId: 18, apiName: 'DataStream', endPoint: '/datastream-config-api', description: 'Log streams.' },
  { apiId: 19, apiName: 'Case Management', endPoint: '/case-management', description: 'Support cases.' },
  { apiId: 20, apiName: 'Test Center', endPoint: '/test-management', description: 'Configuration tests.' },
];

export const API_IDS = {
  userAdmin: 1,
  clientAdmin: 2,
  ccu: 4,
} as const;

export const PROPERTY_WORDS = ['www', 'api', 'static', 'img', 'video', 'shop', 'checkout', 'login', 'cdn', 'assets', 'm', 'news', 'download', 'events', 'partners'];
export const PROPERTY_TLDS = ['com', 'net', 'io', 'de', 'co.uk', 'fr'];
