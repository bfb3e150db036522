output "bucket_names" {
  description = "Bucket names by purpose (assets, backups, logs)."
  value       = { for k, b in aws_s3_bucket.this : k => b.id }
}

output "bucket_arns" {
  description = "Bucket ARNs by purpose (assets, backups, logs)."
  value       = { for k, b in aws_s3_bucket.this : k => b.arn }
}
