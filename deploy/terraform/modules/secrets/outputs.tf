output "secret_arns" {
  description = "Secret ARNs by short name (app, ...)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "external_secrets_role_arn" {
  description = "IAM role for the pathavana-external-secrets ServiceAccount (eks.amazonaws.com/role-arn annotation in the overlay)."
  value       = aws_iam_role.external_secrets.arn
}
