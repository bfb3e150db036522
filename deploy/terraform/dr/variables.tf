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
  description = "Fail over: restore PostgreSQL from the replicated backups and create the cache. False keeps the region a cheap standby (network, cluster, buckets)."
  default     = false
}

variable "replicated_backups_arn" {
  type        = string
  description = "ARN of production's automated backups replicated to us-west-2 (output database_replicated_backups_arn of the production root). Required when activate is true."
  default     = null

  validation {
    condition     = var.replicated_backups_arn == null || can(regex("^arn:aws:rds:us-west-2:", var.replicated_backups_arn))
    error_message = "replicated_backups_arn must be an RDS automated-backups ARN in us-west-2."
  }

  # Failing over without the backups would start an empty database.
  validation {
    condition     = !var.activate || var.replicated_backups_arn != null
    error_message = "activate = true needs replicated_backups_arn (the production root's output database_replicated_backups_arn)."
  }
}
