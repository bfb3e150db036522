output "backup_role_arn" {
  description = "IAM role of the pathavana-backup ServiceAccount (its eks.amazonaws.com/role-arn in the overlay)."
  value       = aws_iam_role.backup.arn
}

output "postgres_role_arn" {
  description = "IAM role of the pathavana-postgres ServiceAccount (pgbackrest mode; null in rds mode)."
  value       = try(aws_iam_role.postgres[0].arn, null)
}
