// Word lists the demo data set is made of. Changing them changes every seeded data set.

export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'David',
  'Elena',
  'Felix',
  'Grace',
  'Hugo',
  'Iris',
  'Jonas',
  'Kira',
  'Leo',
  'Maya',
  'Nils',
  'Olivia',
  'Paul',
  'Rosa',
  'Sam',
  'Tara',
  'Victor',
] as const

export const LAST_NAMES = [
  'Andersen',
  'Brooks',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Novak',
  'Okafor',
  'Peters',
  'Rossi',
  'Silva',
] as const

export const CLIENT_FIRST_WORDS = [
  'Acme',
  'Blue',
  'Cedar',
  'Delta',
  'Evergreen',
  'Falcon',
  'Granite',
  'Harbor',
  'Indigo',
  'Juniper',
  'Keystone',
  'Lumen',
  'Meridian',
  'Northwind',
  'Orbit',
  'Pioneer',
] as const

export const CLIENT_SECOND_WORDS = [
  'Analytics',
  'Bakery',
  'Consulting',
  'Dental',
  'Energy',
  'Foods',
  'Garden',
  'Health',
  'Insurance',
  'Logistics',
  'Media',
  'Motors',
  'Retail',
  'Studios',
  'Travel',
  'Ventures',
] as const

export const CLIENT_SUFFIXES = ['Ltd', 'GmbH', 'Inc', 'SA', 'BV', 'LLC', 'AB', 'Co'] as const

export const STREETS = ['Main Street', 'Harbour Road', 'Station Square', 'Mill Lane', 'Park Avenue'] as const

export const CITIES = ['Berlin', 'Lisbon', 'Oslo', 'Lyon', 'Leeds', 'Utrecht', 'Porto', 'Graz'] as const

export const PROJECT_KINDS = [
  'Website Redesign',
  'Mobile App',
  'Data Migration',
  'Support Retainer',
  'Brand Refresh',
  'Intranet',
  'API Integration',
  'Security Audit',
  'Analytics Dashboard',
  'Online Shop',
  'Newsletter',
  'Cloud Move',
] as const

export const PROJECT_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'] as const

export const TASK_NAMES = [
  'Discovery',
  'Design',
  'Implementation',
  'Testing',
  'Documentation',
  'Deployment',
  'Bug fixing',
  'Meetings',
  'Research',
  'Content',
  'Training',
  'Maintenance',
] as const

export const NOTE_VERBS = [
  'Implement',
  'Review',
  'Fix',
  'Refactor',
  'Test',
  'Document',
  'Plan',
  'Design',
  'Deploy',
  'Discuss',
  'Estimate',
  'Research',
] as const

export const NOTE_OBJECTS = [
  'login form',
  'invoice export',
  'API pagination',
  'onboarding flow',
  'search page',
  'report filters',
  'database migration',
  'release notes',
  'customer feedback',
  'sprint backlog',
  'dashboard charts',
  'mobile layout',
  'payment webhook',
  'email templates',
  'access rules',
  'performance issues',
] as const

export const TAGS = [
  'meeting',
  'review',
  'bugfix',
  'feature',
  'design',
  'planning',
  'support',
  'research',
  'docs',
  'ops',
] as const
