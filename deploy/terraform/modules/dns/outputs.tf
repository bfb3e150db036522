output "fqdns" {
  description = "The records' names."
  value       = sort(distinct([for r in aws_route53_record.this : r.fqdn]))
}
