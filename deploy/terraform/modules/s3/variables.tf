variable "environment" {
  type        = string
  description = "Environment name; buckets are pathavana-{environment}-assets|backups|logs."
}

variable "force_destroy" {
  type        = bool
  description = "Let terraform destroy delete non-empty buckets (dev only)."
  default     = false
}

variable "noncurrent_version_days" {
  type        = number
  description = "Days an overwritten or deleted object version is kept."
  default     = 30
}

variable "backup_retention_days" {
  type        = number
  description = "Days database backups are kept (the platform document: 12 months of monthly backups)."
  default     = 365
}

variable "log_retention_days" {
  type        = number
  description = "Days archived logs are kept (the platform document: 12 months)."
  default     = 365
}

variable "cloudtrail_trail_name" {
  type        = string
  description = "The account's CloudTrail trail allowed to write into the logs bucket under cloudtrail/ (modules/cloudtrail). Null: none."
  default     = null
}
