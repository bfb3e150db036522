output "endpoint" {
  description = "host:port clients connect to (goes into ConnectionStrings__Pathavana)."
  value       = aws_db_instance.this.endpoint
}

output "address" {
  description = "The instance's DNS name."
  value       = aws_db_instance.this.address
}

output "arn" {
  description = "The instance's ARN."
  value       = aws_db_instance.this.arn
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret RDS keeps the master password in (rotated by RDS)."
  value       = try(aws_db_instance.this.master_user_secret[0].secret_arn, null)
}

output "security_group_id" {
  description = "The instance's security group."
  value       = aws_security_group.this.id
}

output "replicated_backups_arn" {
  description = "ARN of the automated backups in the backup region (input of the disaster-recovery root)."
  value       = try(aws_db_instance_automated_backups_replication.this[0].id, null)
}

output "kms_key_arn" {
  description = "The KMS key the instance, its snapshots and its automated backups are encrypted with."
  value       = aws_kms_key.this.arn
}
