import { sql, type Kysely } from 'kysely'
import { flagDefault, flagType, instantType, withId } from './column-types.js'

const userPermissions = [
  'view_own_time_entries',
  'create_time_entries',
  'edit_own_time_entries',
  'delete_own_time_entries',
  'view_own_projects',
  'create_projects',
  'edit_own_projects',
  'view_own_clients',
  'create_clients',
  'edit_own_clients',
  'view_own_tasks',
  'create_tasks',
  'edit_own_tasks',
  'delete_own_tasks',
  'view_own_reports',
  'view_own_quotes',
  'create_quotes',
  'edit_own_quotes',
  'view_inventory',
]
const managerPermissions = [
  ...userPermissions,
  'view_all_time_entries',
  'edit_all_time_entries',
  'delete_all_time_entries',
  'view_all_projects',
  'edit_all_projects',
  'delete_projects',
  'manage_project_members',
  'view_all_clients',
  'edit_all_clients',
  'delete_clients',
  'view_all_tasks',
  'edit_all_tasks',
  'delete_all_tasks',
  'view_all_reports',
  'view_all_quotes',
  'edit_all_quotes',
  'view_users',
  'manage_inventory',
  'approve_time_entries',
]
const adminPermissions = [...managerPermissions, 'manage_users', 'manage_settings', 'manage_api_tokens']
const viewerPermissions = userPermissions.filter((p) => !/^(create|edit|delete)_/.test(p))

const roles = [
  {
    name: 'admin',
    description: 'Everything, including users, settings and tokens',
    permissions: adminPermissions,
  },
  {
    name: 'manager',
    description: 'All projects, clients, tasks, entries and reports',
    permissions: managerPermissions,
  },
  { name: 'user', description: 'Own time entries and own workspace', permissions: userPermissions },
  { name: 'viewer', description: 'Read-only access to own workspace', permissions: viewerPermissions },
  {
    name: 'subcontractor',
    description: 'Like user, restricted to the clients assigned to them',
    permissions: userPermissions,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roles')
    .addColumn('name', 'varchar(30)', (c) => c.primaryKey())
    .addColumn('description', 'varchar(200)', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .execute()
  await db
    .insertInto('roles')
    .values(roles.map((r) => ({ ...r, permissions: JSON.stringify(r.permissions) })))
    .execute()

  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(200)')
    .addColumn('full_name', 'varchar(200)')
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('role', 'varchar(30)', (c) => c.notNull().references('roles.name'))
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .addColumn('last_login', instantType(db))
    .addColumn('timezone', 'varchar(50)')
    .addColumn('date_format', 'varchar(20)')
    .addColumn('time_format', 'varchar(5)')
    .addColumn('week_start_day', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('standard_hours_per_day', 'real', (c) => c.notNull().defaultTo(8))
    .addColumn('overtime_include_weekends', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('time_rounding_enabled', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('time_rounding_minutes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('time_rounding_method', 'varchar(10)', (c) => c.notNull().defaultTo('nearest'))
    .addColumn('avatar_filename', 'varchar(255)')
    .execute()
  await db.schema.createIndex('users_role_idx').on('users').column('role').execute()

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'varchar(10)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('expires_at', instantType(db))
    .addColumn('last_used_at', instantType(db))
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('ip_whitelist', 'text')
    .execute()
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('expires_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('timezone', 'varchar(50)')
    .addColumn('currency', 'varchar(10)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('rounding_minutes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('single_active_timer', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('disabled_module_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('time_entry_require_task', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('time_entry_require_description', flagType(db), (c) =>
      c.notNull().defaultTo(flagDefault(db, false)),
    )
    .addColumn('time_entry_description_min_length', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('locked_client_id', 'integer')
    .addColumn('default_daily_working_hours', 'real', (c) => c.notNull().defaultTo(8))
    .addColumn('date_format', 'varchar(20)', (c) => c.notNull().defaultTo('YYYY-MM-DD'))
    .addColumn('time_format', 'varchar(5)', (c) => c.notNull().defaultTo('24h'))
    .addColumn('allow_self_register', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('idle_timeout_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addCheckConstraint('settings_single_row', sql`id = 1`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['settings', 'sessions', 'api_tokens', 'users', 'roles']) {
    await db.schema.dropTable(table).execute()
  }
}
