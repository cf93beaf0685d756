-- The advisory tables may exist already in an advisory database made by regscan before 0.2 (its
-- schema was created on open, with the same columns): IF NOT EXISTS adopts them.
CREATE TABLE IF NOT EXISTS `advisories` (
	`id` text PRIMARY KEY NOT NULL,
	`ecosystem` text NOT NULL,
	`modified` text NOT NULL,
	`withdrawn` text,
	`run` integer DEFAULT 0 NOT NULL,
	`json` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `advisories_ecosystem` ON `advisories` (`ecosystem`,`run`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `affected_index` (
	`ecosystem` text NOT NULL,
	`name` text NOT NULL,
	`advisory_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `affected_index_package` ON `affected_index` (`ecosystem`,`name`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `affected_index_advisory` ON `affected_index` (`advisory_id`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `ecosystem_state` (
	`ecosystem` text PRIMARY KEY NOT NULL,
	`last_modified` text,
	`imported_at` text
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`principal_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`scan_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`principal_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `image_inventories` (
	`digest` text PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scan_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`scan_id` text NOT NULL,
	`severity_rank` integer NOT NULL,
	`vulnerability_id` text NOT NULL,
	`aliases` text NOT NULL,
	`package_name` text NOT NULL,
	`package_version` text NOT NULL,
	`type` text NOT NULL,
	`ecosystem` text NOT NULL,
	`purl` text NOT NULL,
	`source` text,
	`fixed_version` text,
	`severity` text NOT NULL,
	`cvss` text,
	`summary` text NOT NULL,
	`layer` text NOT NULL,
	FOREIGN KEY (`scan_id`) REFERENCES `scan_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scan_findings_order_idx` ON `scan_findings` (`scan_id`,`severity_rank`,`vulnerability_id`,`package_name`,`package_version`,`id`);--> statement-breakpoint
CREATE TABLE `scan_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`project_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`image` text NOT NULL,
	`repository` text NOT NULL,
	`target` text NOT NULL,
	`digest` text,
	`status` text NOT NULL,
	`progress` text NOT NULL,
	`summary` text,
	`error` text,
	`reused` text,
	`advisories_updated_at` integer,
	`warnings` text NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`created_by` text NOT NULL,
	`attempts` integer NOT NULL,
	`not_before` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`cancel_requested` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scan_jobs_project_idx` ON `scan_jobs` (`project_id`,"created_at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX `scan_jobs_claim_idx` ON `scan_jobs` (`status`,`not_before`);--> statement-breakpoint
CREATE INDEX `scan_jobs_org_status_idx` ON `scan_jobs` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `scan_jobs_org_digest_idx` ON `scan_jobs` (`org_id`,`digest`,`status`);