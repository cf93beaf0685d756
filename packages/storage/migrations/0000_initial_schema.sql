CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`instance_admin` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_id_idx` ON `api_tokens` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`at` integer NOT NULL,
	`metadata` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_id_at_id_idx` ON `audit_log` (`org_id`,"at" desc,"id" desc);--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`provider` text NOT NULL,
	`scaleway_project_id` text NOT NULL,
	`region` text NOT NULL,
	`namespace` text NOT NULL,
	`description` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`last_verified_at` integer,
	`encrypted_secret` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `credentials_org_id_idx` ON `credentials` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`features` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_org_id_name_unique` ON `projects` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `token_grants` (
	`token_id` text NOT NULL,
	`org_id` text NOT NULL,
	`owner` integer NOT NULL,
	`permissions` text NOT NULL,
	`projects` text NOT NULL,
	PRIMARY KEY(`token_id`, `org_id`),
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `token_grants_org_id_idx` ON `token_grants` (`org_id`);