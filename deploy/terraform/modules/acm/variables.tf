variable "domain_name" {
  type        = string
  description = "The certificate's main name, e.g. pathavana.com."
}

variable "subject_alternative_names" {
  type        = list(string)
  description = "Further names on the certificate, e.g. www.pathavana.com."
  default     = []
}

variable "zone_id" {
  type        = string
  description = "Route 53 hosted zone that proves ownership (DNS validation)."
}
