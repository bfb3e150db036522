output "trail_arn" {
  description = "The trail's ARN."
  value       = aws_cloudtrail.this.arn
}

output "trail_name" {
  description = "The trail's name (aws cloudtrail get-trail-status --name <this>)."
  value       = aws_cloudtrail.this.name
}
