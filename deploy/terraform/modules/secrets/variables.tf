variable "environment" {
  type        = string
  description = "Environment name; the secret is pathavana/{environment}/app."
}

variable "extra_secret_names" {
  type        = list(string)
  description = "Further secrets under pathavana/{environment}/, e.g. [\"postgres\", \"redis\"] for dev's in-cluster databases."
  default     = []
}

variable "replica_regions" {
  type        = list(string)
  description = "Regions Secrets Manager keeps read replicas of the secrets in (disaster recovery)."
  default     = []
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored."
  default     = 30
}

variable "oidc_provider_arn" {
  type        = string
  description = "The EKS cluster's IAM OIDC provider (IRSA)."
}

variable "oidc_issuer" {
  type        = string
  description = "The EKS cluster's OIDC issuer without https://."
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace of the External Secrets ServiceAccount (the overlay's namespace)."
}

variable "service_account" {
  type        = string
  description = "ServiceAccount the SecretStore authenticates as (deploy/k8s/base/serviceaccounts.yaml)."
  default     = "pathavana-external-secrets"
}

variable "monitoring_secret" {
  type        = bool
  description = "Also create pathavana/{environment}/monitoring, which the application's role cannot read (modules/monitoring's role can)."
  default     = true
}
