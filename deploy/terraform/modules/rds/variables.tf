variable "identifier" {
  type        = string
  description = "RDS instance identifier, e.g. pathavana-production."
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL engine version (major 15, as the platform document says)."
  default     = "15.12"

  validation {
    condition     = startswith(var.engine_version, "15.")
    error_message = "Pathavana runs on PostgreSQL 15."
  }
}

variable "instance_class" {
  type        = string
  description = "Instance class: db.t3.micro (dev), db.t3.small (staging), db.t3.medium (production)."
}

variable "allocated_storage_gb" {
  type        = number
  description = "Initial storage in GiB."
  default     = 20
}

variable "max_allocated_storage_gb" {
  type        = number
  description = "Storage autoscaling ceiling in GiB."
  default     = 100
}

variable "multi_az" {
  type        = bool
  description = "A synchronous standby in a second availability zone (production)."
}

variable "database_name" {
  type        = string
  description = "The database created on the instance."
  default     = "pathavana"
}

variable "master_username" {
  type        = string
  description = "Master user name; its password is generated and kept by RDS in Secrets Manager."
  default     = "pathavana_admin"
}

variable "vpc_id" {
  type        = string
  description = "VPC the instance lives in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the DB subnet group (at least two availability zones)."
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect on 5432 (the EKS cluster security group)."
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups and point-in-time recovery (the platform document: 7)."
  default     = 7
}

variable "backup_window" {
  type        = string
  description = "Daily backup window, UTC."
  default     = "03:00-04:00"
}

variable "maintenance_window" {
  type        = string
  description = "Weekly maintenance window, UTC."
  default     = "sun:04:30-sun:05:30"
}

variable "cross_region_backup_copy" {
  type        = bool
  description = "Replicate automated backups (and their point-in-time recovery) to the aws.backup_region provider's region."
  default     = false
}

variable "cross_region_backup_retention_days" {
  type        = number
  description = "Days replicated backups are kept in the backup region."
  default     = 7
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance (and take a final snapshot when it is deleted anyway)."
  default     = true
}

variable "restore_from_automated_backups_arn" {
  type        = string
  description = "Disaster recovery: create the instance by restoring the latest point of these (replicated) automated backups. Null creates an empty database."
  default     = null
}

variable "performance_insights_enabled" {
  type        = bool
  description = "Performance Insights (7 days free); not offered on the smallest instance classes."
  default     = false
}

variable "replicate_source_db" {
  type        = string
  description = "Disaster recovery: the ARN of the instance this one is a read replica of (production's, from another region). Setting it to null later promotes the replica to a standalone instance."
  default     = null
}
