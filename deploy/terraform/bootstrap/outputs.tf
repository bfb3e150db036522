output "state_bucket" {
  description = "The state bucket (each root's backend \"s3\" bucket)."
  value       = aws_s3_bucket.state.id
}

output "state_replica_bucket" {
  description = "The state bucket's replica in the disaster-recovery region (terraform init -backend-config=bucket=<this> -backend-config=region=us-west-2 when us-east-1 is down)."
  value       = aws_s3_bucket.replica.id
}
