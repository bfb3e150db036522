output "primary_endpoint" {
  description = "The primary endpoint's DNS name (goes into Redis__Configuration with ssl=true)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "auth_token" {
  description = "The Redis AUTH token."
  value       = random_password.auth.result
  sensitive   = true
}

output "security_group_id" {
  description = "The cache's security group."
  value       = aws_security_group.this.id
}
