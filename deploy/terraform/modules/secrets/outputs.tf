output "secret_arns" {
  description = "Secret ARNs by short name (app, ...)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "external_secrets_role_arn" {
  description = "IAM role for the pathavana-external-secrets ServiceAccount (eks.amazonaws.com/role-arn annotation in the overlay)."
  value       = aws_iam_role.external_secrets.arn
}

output "monitoring_secret_arn" {
  description = "ARN of pathavana/{environment}/monitoring (null when not created)."
  value       = try(aws_secretsmanager_secret.this["monitoring"].arn, null)
}

output "kms_key_arn" {
  description = "The KMS key the secrets are encrypted with."
  value       = aws_kms_key.this.arn
}
