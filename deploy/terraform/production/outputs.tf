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
  description = "The eks.amazonaws.com/role-arn of pathavana-external-secrets (deploy/k8s/overlays/production)."
  value       = module.secrets.external_secrets_role_arn
}

output "backup_role_arn" {
  description = "The eks.amazonaws.com/role-arn of pathavana-backup (deploy/k8s/overlays/production)."
  value       = module.backup.backup_role_arn
}

output "database_endpoint" {
  description = "RDS endpoint for ConnectionStrings__Pathavana."
  value       = module.rds.endpoint
}

output "database_arn" {
  description = "The RDS instance's ARN: the disaster-recovery root's production_database_arn (its read replica's source)."
  value       = module.rds.arn
}

output "database_master_secret_arn" {
  description = "Where RDS keeps the master password."
  value       = module.rds.master_user_secret_arn
}

output "database_replicated_backups_arn" {
  description = "Replicated automated backups in us-west-2: the disaster-recovery root restores from these."
  value       = module.rds.replicated_backups_arn
}

output "redis_endpoint" {
  description = "ElastiCache primary endpoint for Redis__Configuration (with ssl=true and the AUTH token)."
  value       = module.elasticache.primary_endpoint
}

output "redis_auth_token" {
  description = "ElastiCache AUTH token (terraform output -raw redis_auth_token)."
  value       = module.elasticache.auth_token
  sensitive   = true
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

output "operators_group" {
  description = "IAM group of the people who may assume the operator and read-only roles."
  value       = module.access.operators_group
}

output "alert_topics" {
  description = "SNS topics of the SMS (P0) and email (P3) alerts (deploy/monitoring/alertmanager/alertmanager.yml)."
  value       = { sms = module.monitoring.sms_topic_arn, email = module.monitoring.email_topic_arn }
}

output "alertmanager_role_arn" {
  description = "IRSA role of monitoring/alertmanager (deploy/monitoring/kubernetes/alertmanager.yaml)."
  value       = module.monitoring.alertmanager_role_arn
}

output "monitoring_secrets_role_arn" {
  description = "IRSA role of the monitoring namespaces' External Secrets ServiceAccounts."
  value       = module.monitoring.secrets_role_arn
}

output "origin_health_check_id" {
  description = "Route 53 health check of origin.<domain> (after the ingress load balancer exists)."
  value       = try(module.dns[0].health_check_id, null)
}

output "cloudtrail_trail" {
  description = "The account's CloudTrail trail (logs in the production logs bucket under cloudtrail/)."
  value       = module.cloudtrail.trail_name
}
