import GRDB

/// The database schema, as an ordered list of migrations. Never edit a shipped migration: add one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, tokens, keys, apps, config, releases, builds") { db in
            try db.create(table: "users") { table in
                table.primaryKey("id", .text)
                table.column("email", .text).notNull().unique().collate(.nocase)
                table.column("name", .text)
                table.column("is_admin", .boolean).notNull().defaults(to: false)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "tokens") { table in
                table.primaryKey("id", .text)
                table.column("user_id", .text).notNull().indexed().references("users", onDelete: .cascade)
                table.column("secret_hash", .blob).notNull()
                table.column("description", .text).notNull()
                table.column("created_at", .datetime).notNull()
            }
            try db.create(table: "ssh_keys") { table in
                table.primaryKey("id", .text)
                table.column("user_id", .text).notNull().indexed().references("users", onDelete: .cascade)
                table.column("type", .text).notNull()
                table.column("key", .text).notNull()
                table.column("comment", .text).notNull()
                // The SSH gate finds a key by fingerprint: unique, so indexed.
                table.column("fingerprint", .text).notNull().unique()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "apps") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique()
                table.column("owner_id", .text).notNull().indexed().references("users", onDelete: .restrict)
                table.column("stack", .text).notNull()
                table.column("maintenance", .boolean).notNull().defaults(to: false)
                table.column("deploy_branch", .text)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("released_at", .datetime)
            }
            try db.create(table: "collaborators") { table in
                table.primaryKey("id", .text)
                table.column("app_id", .text).notNull().references("apps", onDelete: .cascade)
                table.column("user_id", .text).notNull().indexed().references("users", onDelete: .cascade)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.uniqueKey(["app_id", "user_id"])
            }
            try db.create(table: "config_vars") { table in
                table.column("app_id", .text).notNull().references("apps", onDelete: .cascade)
                table.column("name", .text).notNull()
                table.column("sealed_value", .blob).notNull()
                table.primaryKey(["app_id", "name"])
            }
            try db.create(table: "builds") { table in
                table.primaryKey("id", .text)
                table.column("app_id", .text).notNull().indexed().references("apps", onDelete: .cascade)
                table.column("user_id", .text).notNull().references("users", onDelete: .restrict)
                table.column("status", .text).notNull()
                table.column("commit", .text)
                table.column("commit_description", .text)
                table.column("buildpack", .text)
                table.column("stack", .text).notNull()
                table.column("slug_id", .text)
                table.column("slug_size", .integer)
                table.column("slug_checksum", .text)
                table.column("release_id", .text)
                table.column("output", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("finished_at", .datetime)
            }
            try db.create(table: "releases") { table in
                table.primaryKey("id", .text)
                table.column("app_id", .text).notNull().references("apps", onDelete: .cascade)
                table.column("version", .integer).notNull()
                table.column("description", .text).notNull()
                table.column("user_id", .text).notNull().references("users", onDelete: .restrict)
                table.column("build_id", .text)
                table.column("slug_id", .text)
                table.column("commit", .text)
                table.column("process_types", .text).notNull()
                table.column("sealed_config", .blob).notNull()
                table.column("created_at", .datetime).notNull()
                table.uniqueKey(["app_id", "version"])
            }
        }
        migrator.registerMigration("v2: build tokens, branches and process types") { db in
            try db.alter(table: "builds") { table in
                // SHA-256 of the per-build token: it may finish this build only, and only while it runs.
                table.add(column: "token_hash", .blob)
                table.add(column: "branch", .text)
                table.add(column: "process_types", .text)
                table.add(column: "release_config", .text)
            }
        }
        migrator.registerMigration("v3: per-app build limits") { db in
            try db.alter(table: "apps") { table in
                // JSON of BuildLimits.Overrides, set by the operator; nil: the rack's defaults.
                table.add(column: "build_limits", .text)
            }
            // rackd's start looks for the builds it left unfinished: by status, not by a scan of every build.
            try db.create(index: "builds_on_status", on: "builds", columns: ["status"])
        }
        return migrator
    }
}
