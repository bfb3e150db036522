variable "environment" {
  type        = string
  description = "Environment whose cost is watched (resources tagged environment=<this>)."
}

variable "monthly_limit_usd" {
  type        = number
  description = "Monthly budget in US dollars (the platform document: 1000 for production)."
}

variable "alert_emails" {
  type        = list(string)
  description = "Who is told when actual (50, 80, 100 %) or forecast (100 %) spend crosses a threshold."
}

variable "thresholds_percent" {
  type        = list(number)
  description = "Actual-spend thresholds that alert, in percent of the limit."
  default     = [50, 80, 100]
}

variable "anomaly_threshold_usd" {
  type        = number
  description = "Total impact (US dollars) from which a cost anomaly is reported in the daily email."
  default     = 25
}
