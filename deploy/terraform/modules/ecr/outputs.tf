output "repository_urls" {
  description = "Repository URLs by name (what the overlays' images: newName points at)."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "repository_arns" {
  description = "Repository ARNs by name (for the CI push role)."
  value       = [for r in aws_ecr_repository.this : r.arn]
}
