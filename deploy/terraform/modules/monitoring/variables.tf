variable "environment" {
  type        = string
  description = "Environment name: the topics and roles are pathavana-<environment>-… (the overlay's ENVIRONMENT)."
}

variable "oidc_provider_arn" {
  type        = string
  description = "The EKS cluster's IAM OIDC provider (IRSA)."
}

variable "oidc_issuer" {
  type        = string
  description = "The EKS cluster's OIDC issuer without https://."
}

variable "monitoring_secret_arn" {
  type        = string
  description = "ARN (or ARN pattern) of the Secrets Manager secret pathavana/<env>/monitoring (modules/secrets)."
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "The KMS key that secret is encrypted with (modules/secrets)."
}

variable "alert_emails" {
  type        = list(string)
  description = "Email addresses subscribed to the email alert topic (P3 alerts, the health-check alarm). Each confirms once."
}

variable "alert_sms_numbers" {
  type        = list(string)
  description = "Phone numbers (E.164, +15551234567) subscribed to the SMS alert topic (P0 alerts)."
  default     = []

  validation {
    condition     = alltrue([for n in var.alert_sms_numbers : can(regex("^\\+[1-9][0-9]{7,14}$", n))])
    error_message = "Phone numbers are E.164: a + and 8 to 15 digits."
  }
}
