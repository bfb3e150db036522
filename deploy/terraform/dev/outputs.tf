output "cluster_name" {
  description = "aws eks update-kubeconfig --region us-east-1 --name <this>"
  value       = module.eks.cluster_name
}

output "cluster_autoscaler_role_arn" {
  description = "Annotate kube-system/cluster-autoscaler with this role."
  value       = module.eks.cluster_autoscaler_role_arn
}

output "cert_manager_role_arn" {
  description = "Annotate cert-manager/cert-manager with this role (DNS-01 challenges in Route 53)."
  value       = module.eks.cert_manager_role_arn
}

output "external_secrets_role_arn" {
  description = "The eks.amazonaws.com/role-arn of pathavana-external-secrets (deploy/k8s/overlays/dev)."
  value       = module.secrets.external_secrets_role_arn
}

output "backup_role_arn" {
  description = "The eks.amazonaws.com/role-arn of pathavana-backup (deploy/k8s/overlays/dev)."
  value       = module.backup.backup_role_arn
}

output "postgres_role_arn" {
  description = "The eks.amazonaws.com/role-arn of pathavana-postgres (deploy/k8s/overlays/dev)."
  value       = module.backup.postgres_role_arn
}


output "buckets" {
  description = "The environment's S3 buckets."
  value       = module.s3.bucket_names
}

output "nat_public_ips" {
  description = "Outbound addresses (for vendor allow lists)."
  value       = module.vpc.nat_public_ips
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution (after the ingress load balancer exists)."
  value       = try(module.edge[0].distribution_id, null)
}

output "operator_role_arn" {
  description = "Administrators' role, assumed with MFA (aws eks update-kubeconfig --role-arn <this>)."
  value       = module.access.operator_role_arn
}

output "readonly_role_arn" {
  description = "Read-only role, assumed with MFA."
  value       = module.access.readonly_role_arn
}

output "origin_health_check_id" {
  description = "Route 53 health check of the origin name (after the ingress load balancer exists)."
  value       = try(module.dns[0].health_check_id, null)
}
