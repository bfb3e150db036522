output "state_bucket" {
  description = "The state bucket (each root's backend \"s3\" bucket)."
  value       = aws_s3_bucket.state.id
}
