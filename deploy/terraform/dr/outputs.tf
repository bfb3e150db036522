output "cluster_name" {
  description = "aws eks update-kubeconfig --region us-west-2 --name <this>"
  value       = module.eks.cluster_name
}

output "external_secrets_role_arn" {
  description = "Role for pathavana-external-secrets when the production overlay runs here (set region us-west-2 in its SecretStore)."
  value       = aws_iam_role.external_secrets.arn
}

output "database_endpoint" {
  description = "The read replica on standby; the promoted (or restored) database after activate = true."
  value       = try(module.rds[0].endpoint, null)
}

output "redis_endpoint" {
  description = "The standby cache (after activate = true)."
  value       = try(module.elasticache[0].primary_endpoint, null)
}

output "operator_role_arn" {
  description = "Administrators' role for the standby cluster, assumed with MFA."
  value       = module.access.operator_role_arn
}
