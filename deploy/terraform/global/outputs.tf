output "repository_urls" {
  description = "ECR repositories (the overlays' image names)."
  value       = module.ecr.repository_urls
}

output "zone_name_servers" {
  description = "Set these as the domain's name servers at the registrar."
  value       = aws_route53_zone.this.name_servers
}

output "ci_role_arn" {
  description = "Role the image workflow assumes (repository variable AWS_CI_ROLE_ARN)."
  value       = aws_iam_role.ci_push.arn
}
