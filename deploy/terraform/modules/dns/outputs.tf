output "fqdns" {
  description = "The records' names."
  value       = sort(distinct([for r in aws_route53_record.this : r.fqdn]))
}

output "origin_fqdn" {
  description = "The origin's name (CloudFront's origin domain)."
  value       = aws_route53_record.origin.fqdn
}

output "health_check_id" {
  description = "The origin's Route 53 health check (aws route53 get-health-check-status --health-check-id <this>)."
  value       = aws_route53_health_check.origin.id
}
