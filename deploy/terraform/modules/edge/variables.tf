variable "name" {
  type        = string
  description = "Name prefix, e.g. pathavana-production."
}

variable "aliases" {
  type        = list(string)
  description = "Host names CloudFront answers for, e.g. [\"pathavana.com\", \"www.pathavana.com\"]."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate in us-east-1 covering every alias."
}

variable "origin_domain_name" {
  type        = string
  description = "The origin's name: origin.<public name>, a Route 53 record to the ingress controller's load balancer (modules/dns) that the ingress serves and certifies (HTTPS origin)."
}

variable "price_class" {
  type        = string
  description = "CloudFront price class (PriceClass_100: North America and Europe)."
  default     = "PriceClass_100"
}

variable "waf_rate_limit_per_5_minutes" {
  type        = number
  description = "Requests per client address per five minutes before WAF blocks it (a flood guard above the ingress's 100 a minute)."
  default     = 2000
}
