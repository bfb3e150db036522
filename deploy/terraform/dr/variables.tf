variable "cost_center" {
  type        = string
  description = "Cost centre tag on every resource."
  default     = "operations"
}

variable "alert_emails" {
  type        = list(string)
  description = "Who receives budget alerts."
}

variable "monthly_budget_usd" {
  type        = number
  description = "Monthly budget of the standby region."
  default     = 250
}

variable "eks_public_access_cidrs" {
  type        = list(string)
  description = "Networks allowed to reach the standby cluster's Kubernetes API."
}

variable "activate" {
  type        = bool
  description = "Fail over: promote the read replica (or, without one, restore PostgreSQL from the replicated backups) and create the cache. False keeps the region a standby (network, cluster, buckets, the replica)."
  default     = false
}

variable "production_database_arn" {
  type        = string
  description = "ARN of production's RDS instance (the production root's output database_arn): a read replica of it runs here. Null: no replica; activate restores the replicated backups instead (a longer recovery, up to the last backup copy)."
  default     = null

  validation {
    condition     = var.production_database_arn == null || can(regex("^arn:aws:rds:us-east-1:[0-9]{12}:db:", var.production_database_arn))
    error_message = "production_database_arn must be an RDS instance ARN in us-east-1."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the standby cluster; keep it equal to production's."
  default     = "1.32"
}

variable "replicated_backups_arn" {
  type        = string
  description = "ARN of production's automated backups replicated to us-west-2 (output database_replicated_backups_arn of the production root). Restored from when activate is true and there is no read replica."
  default     = null

  validation {
    condition     = var.replicated_backups_arn == null || can(regex("^arn:aws:rds:us-west-2:", var.replicated_backups_arn))
    error_message = "replicated_backups_arn must be an RDS automated-backups ARN in us-west-2."
  }

  # Failing over with neither a replica nor the backups would start an empty database.
  validation {
    condition     = !var.activate || var.replicated_backups_arn != null || var.production_database_arn != null
    error_message = "activate = true needs the read replica (production_database_arn) or replicated_backups_arn (the production root's output database_replicated_backups_arn)."
  }
}
