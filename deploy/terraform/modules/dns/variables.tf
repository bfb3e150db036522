variable "zone_id" {
  type        = string
  description = "Route 53 hosted zone of the domain (pathavana.com)."
}

variable "names" {
  type        = list(string)
  description = "Fully qualified names that point at the CloudFront distribution."
}

variable "target_domain_name" {
  type        = string
  description = "CloudFront distribution domain name."
}

variable "target_zone_id" {
  type        = string
  description = "CloudFront's hosted zone id (the distribution's hosted_zone_id)."
}
