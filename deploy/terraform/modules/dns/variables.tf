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

variable "origin_name" {
  type        = string
  description = "The origin's name, origin.<public name>: CloudFront's origin and the health check's target."
}

variable "origin_target" {
  type        = string
  description = "DNS name of the ingress controller's load balancer the origin name points at."
}

variable "health_check_path" {
  type        = string
  description = "Path the health check requests on the origin name: the backend's readiness (database and Redis)."
  default     = "/health/ready"
}

variable "alarm_topic_arn" {
  type        = string
  description = "SNS topic told when the origin's health check fails and recovers (modules/monitoring's email topic). Null: no alarm."
  default     = null
}

variable "failover_target" {
  type = object({
    domain_name = string
    zone_id     = string
  })
  description = "The disaster-recovery region's load balancer (its DNS name and Route 53 zone id). Set: the public names fail over to it when the origin is unhealthy. Null: plain alias records."
  default     = null
}
