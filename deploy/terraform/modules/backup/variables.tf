variable "environment" {
  type        = string
  description = "Environment name: the roles are pathavana-<environment>-backup and (pgbackrest mode) pathavana-<environment>-postgres."
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace of the pathavana-backup (and pathavana-postgres) ServiceAccounts (the overlay's namespace)."
}

variable "oidc_provider_arn" {
  type        = string
  description = "The EKS cluster's IAM OIDC provider (IRSA)."
}

variable "oidc_issuer" {
  type        = string
  description = "The EKS cluster's OIDC issuer without https://."
}

variable "mode" {
  type        = string
  description = "How the environment's database is backed up: \"rds\" (RDS snapshots and point-in-time restores through the RDS API) or \"pgbackrest\" (in-cluster PostgreSQL, pgBackRest repository in S3)."

  validation {
    condition     = contains(["rds", "pgbackrest"], var.mode)
    error_message = "mode is \"rds\" or \"pgbackrest\"."
  }
}

variable "rds_instance_arn" {
  type        = string
  description = "rds mode: ARN of the RDS instance backed up (modules/rds's arn). Null in pgbackrest mode."
  default     = null
}

variable "rds_kms_key_arn" {
  type        = string
  description = "rds mode: the KMS key the instance is encrypted with (modules/rds's kms_key_arn); restores create encrypted instances with it. Null when the instance uses the AWS managed key."
  default     = null
}

variable "backups_bucket_arn" {
  type        = string
  description = "pgbackrest mode: ARN of the bucket holding the pgBackRest repository under pgbackrest/ (modules/s3's backups bucket). Null in rds mode."
  default     = null
}
